using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Reports.Preview;

/// <summary>What a report read back (<see cref="ReportJsonReader"/>) can hold that this version cannot show as it was.</summary>
public static class ReportDiagnostics
{
    public static readonly DiagnosticDescriptor UnknownCode = new(
        "CB0901", "Unknown diagnostic in a report", "the report names code '{0}', which this version of ContribBot does not know: {1}", Severity.Error,
        "Publish with the same version of ContribBot that made the report, or make the report again with this one.", DiagnosticCategory.Report);
}
