using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Documents;
using ContribBot.Core.Taxonomy;
using ContribBot.Core.Validation;
using ContribBot.Core.Validation.Rules;
using ContribBot.Core.Validation.Schema;

namespace ContribBot.Core.Reports;

/// <summary>
/// Every diagnostic code ContribBot can report: the <c>public static readonly</c> descriptors of the types listed here,
/// so the documentation page generated from it cannot drift from the code. The types are named rather than found by
/// scanning the assembly, which ahead-of-time compilation cannot do; a test scans it and fails on a type left out.
/// </summary>
public static class DiagnosticCatalog
{
    private static readonly Lazy<IReadOnlyList<DiagnosticDescriptor>> Descriptors = new(FindAll);

    public static IReadOnlyList<DiagnosticDescriptor> All => Descriptors.Value;

    private static List<DiagnosticDescriptor> FindAll()
    {
        IEnumerable<DiagnosticDescriptor>[] declared =
        [
            In(typeof(FileDiagnostics)), In(typeof(SchemaDiagnostics)), In(typeof(DocumentDiagnostics)), In(typeof(ChangedLeavesValidator)),
            In(typeof(AttributionRule)), In(typeof(ColonsRule)), In(typeof(CommasRule)), In(typeof(CommitShaRule)), In(typeof(CopiedAnswerRule)),
            In(typeof(CreatedByRule)), In(typeof(DuplicateKeyRule)), In(typeof(DuplicateQuestionRule)), In(typeof(EmptyLinesRule)),
            In(typeof(FinalNewlineRule)), In(typeof(FlowBracketsRule)), In(typeof(FolderNameRule)), In(typeof(HyphensRule)), In(typeof(IndentationRule)),
            In(typeof(LineEndingsRule)), In(typeof(NewestVersionRule)), In(typeof(PersonalDataRule)), In(typeof(PlaceholderRule)), In(typeof(QuestionFormRule)),
            In(typeof(TokenBudgetRule)), In(typeof(TrailingSpacesRule)), In(typeof(LineLengthRule)), In(typeof(VersionRule)), In(typeof(Preview.ReportDiagnostics)),
        ];
        var found = declared.SelectMany(descriptors => descriptors).OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal).ToList();
        var duplicate = found.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Diagnostic code {duplicate.Key} is declared more than once.");
        }

        return found;
    }

    /// <summary>The descriptors a type declares (the annotation keeps its fields when the command is trimmed).</summary>
    private static IEnumerable<DiagnosticDescriptor> In([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor) && field.IsInitOnly)
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!);
}
