using System.Reflection;

namespace ContribBot.Core.Diagnostics;

/// <summary>
/// Every diagnostic code ContribBot can report, found by reflection over the core assembly, so the documentation
/// page generated from it cannot drift from the code.
/// </summary>
public static class DiagnosticCatalog
{
    private static readonly Lazy<IReadOnlyList<DiagnosticDescriptor>> Descriptors = new(FindAll);

    public static IReadOnlyList<DiagnosticDescriptor> All => Descriptors.Value;

    private static List<DiagnosticDescriptor> FindAll()
    {
        var found = typeof(DiagnosticCatalog).Assembly.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor) && field.IsInitOnly)
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
            .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
            .ToList();
        var duplicate = found.GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Diagnostic code {duplicate.Key} is declared more than once.");
        }

        return found;
    }
}
