using System.Reflection;
using System.Text.RegularExpressions;
using ContribBot.Core.Diagnostics;
using ContribBot.Core.Reports;
using ContribBot.Testing;

namespace ContribBot.Core.Tests.Diagnostics;

public sealed partial class DiagnosticCatalogTests
{
    [Fact]
    public void Every_code_is_unique_well_formed_and_in_the_range_of_its_category()
    {
        var all = DiagnosticCatalog.All;

        Assert.True(all.Count >= 40, $"only {all.Count} descriptors found");
        Assert.Equal(all.Count, all.Select(d => d.Id).Distinct().Count());
        Assert.All(all, d =>
        {
            Assert.Matches(CodePattern(), d.Id);
            Assert.Equal((int)d.Category + 1, int.Parse(d.Id[2..4], System.Globalization.CultureInfo.InvariantCulture));
            Assert.False(string.IsNullOrWhiteSpace(d.Hint), $"{d.Id} has no hint");
            Assert.False(string.IsNullOrWhiteSpace(d.Title), $"{d.Id} has no title");
        });
    }

    [Fact]
    public void The_committed_catalog_page_is_the_one_generated_from_the_rules()
    {
        var committed = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));

        Assert.True(committed == DiagnosticCatalogPage.Render(),
            "docs/diagnostics.md is out of date: run `dotnet run --project src/ContribBot.Cli -- catalog > docs/diagnostics.md`.");
    }

    [Fact]
    public void The_catalog_lists_every_descriptor_the_core_declares()
    {
        // The catalog names its types (ahead-of-time compilation cannot scan an assembly); the scan happens here.
        var declared = typeof(DiagnosticDescriptor).Assembly.GetTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
                .Select(field => $"{((DiagnosticDescriptor)field.GetValue(null)!).Id} ({type.Name}.{field.Name})"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var listed = DiagnosticCatalog.All.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

        Assert.True(declared.Count >= 40, $"the scan found only {declared.Count} descriptors");
        Assert.DoesNotContain(declared, entry => !listed.Contains(entry[..6]));
        Assert.Equal(declared.Count, DiagnosticCatalog.All.Count);
    }

    [GeneratedRegex("^CB0[1-69][0-9]{2}$")]
    private static partial Regex CodePattern();
}
