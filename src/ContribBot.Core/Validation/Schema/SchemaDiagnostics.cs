using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Validation.Schema;

/// <summary>Violations of the JSON Schema of a leaf's kind and version (files in <c>schema/</c>).</summary>
public static class SchemaDiagnostics
{
    public static readonly DiagnosticDescriptor MissingField = new(
        "CB0201", "Required field missing", "missing required field `{0}`{1}", Severity.Error,
        "Add the field; see the example taxonomy for its shape.", DiagnosticCategory.Schema);

    public static readonly DiagnosticDescriptor UnknownField = new(
        "CB0202", "Unknown field", "unknown field `{0}`{1}", Severity.Error,
        "Remove it or fix its spelling; the fields allowed here are listed in the message.", DiagnosticCategory.Schema);

    public static readonly DiagnosticDescriptor WrongType = new(
        "CB0203", "Wrong type", "{0} must be {1}, but is {2}", Severity.Error,
        "Put text in quotes when it could be read as something else.", DiagnosticCategory.Schema);

    public static readonly DiagnosticDescriptor EmptyText = new(
        "CB0204", "Empty text", "{0} is empty", Severity.Error,
        "Write the text after the colon, or use '|' and indented lines below for several lines.",
        DiagnosticCategory.Schema);

    public static readonly DiagnosticDescriptor TooFewItems = new(
        "CB0205", "Too few items", "{0} has {1} item(s); at least {2} are required", Severity.Error,
        "Add more items; each one should be distinct and show a different facet of the task.",
        DiagnosticCategory.Schema);

    public static readonly DiagnosticDescriptor DuplicateItem = new(
        "CB0206", "Duplicate item", "{0} is the same as {1} (line {2}); items must be distinct", Severity.Error,
        "Change or remove the repeated item; repeated seeds add nothing and skew the generated data.",
        DiagnosticCategory.Schema);

    public static readonly DiagnosticDescriptor OtherViolation = new(
        "CB0207", "Schema violation", "{0}: {1}", Severity.Error,
        "Compare the field with the schema in schema/ and the example taxonomy.", DiagnosticCategory.Schema);
}
