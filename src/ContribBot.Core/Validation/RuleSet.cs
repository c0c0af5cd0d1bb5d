using ContribBot.Core.Validation.Rules;
using ContribBot.Core.Validation.Schema;

namespace ContribBot.Core.Validation;

/// <summary>
/// The rules run on every parsed leaf. Reports sort what they find (<see cref="Diagnostics.DiagnosticOrder"/>), so the
/// order here only decides when each runs: the schema rule comes last, so that a run which is still loading the
/// schemas (JsonSchema.Net's start-up) checks everything else of its first leaf meanwhile.
/// </summary>
public static class RuleSet
{
    public static IReadOnlyList<ILeafRule> Default(SchemaSet schemas) => Default(Task.FromResult(schemas));

    public static IReadOnlyList<ILeafRule> Default(Task<SchemaSet> schemas) =>
    [
        new VersionRule(),
        new NewestVersionRule(),
        new AttributionRule(),
        new DuplicateKeyRule(),
        new TrailingSpacesRule(),
        new LineLengthRule(),
        new FinalNewlineRule(),
        new LineEndingsRule(),
        new EmptyLinesRule(),
        new IndentationRule(),
        new HyphensRule(),
        new ColonsRule(),
        new CommasRule(),
        new FlowBracketsRule(),
        new CreatedByRule(),
        new CommitShaRule(),
        new DuplicateQuestionRule(),
        new CopiedAnswerRule(),
        new QuestionFormRule(),
        new TokenBudgetRule(),
        new PersonalDataRule(),
        new FolderNameRule(),
        new PlaceholderRule(),
        new SchemaRule(schemas),
    ];
}
