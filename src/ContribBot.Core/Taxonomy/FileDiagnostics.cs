using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Taxonomy;

/// <summary>
/// Problems with a file as a file: finding it, reading it, decoding it and parsing its YAML. These stop the later
/// checks for that file only; every other file is still checked.
/// </summary>
public static class FileDiagnostics
{
    public static readonly DiagnosticDescriptor SyntaxError = new(
        "CB0101", "YAML syntax error", "YAML syntax error: {0}", Severity.Error,
        "Check the indentation and punctuation around this line. Text containing ': ' or starting with a special " +
        "character (such as '*', '&', '!', '%', '@', '`' or a quote) must be quoted, or written as a block with '|'.",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor TabIndentation = new(
        "CB0102", "Tab used for indentation", "a tab character is used for indentation; YAML only allows spaces",
        Severity.Error, "Replace the tab with spaces (two per level is the taxonomy's convention).",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor FileTooLarge = new(
        "CB0103", "File too large", "the file is {0:N0} bytes; the limit is {1:N0} bytes", Severity.Error,
        "A qna.yaml holds seed examples, not documents: move long material into the knowledge document repository. " +
        "The limit can be raised with --max-file-size.",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor NestingTooDeep = new(
        "CB0104", "Nesting too deep", "the YAML is nested more than {0} levels deep", Severity.Error,
        "A qna.yaml needs only a few levels; check for runaway indentation or brackets.", DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor AliasExpansionTooLarge = new(
        "CB0105", "Alias expansion too large",
        "aliases (*name) would expand this document to more than {0:N0} nodes", Severity.Error,
        "Write the content out instead of repeating it through anchors (&name) and aliases (*name).",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor InvalidEncoding = new(
        "CB0106", "Not valid UTF-8", "the file is not valid UTF-8 ({0})", Severity.Error,
        "Save the file as UTF-8 (without a byte order mark) in your editor.", DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor ByteOrderMark = new(
        "CB0107", "Byte order mark", "the file starts with a UTF-8 byte order mark", Severity.Warning,
        "Save the file as UTF-8 without a byte order mark (BOM); some tools in the pipeline treat it as text.",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor SeveralDocuments = new(
        "CB0108", "More than one YAML document", "the file holds more than one YAML document ('---' starts another)",
        Severity.Error, "Keep one document per qna.yaml: remove the extra '---' line and what follows, or merge it.",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor RootNotMapping = new(
        "CB0109", "Top level is not a mapping", "the top level of the file is {0}, not a mapping of keys to values",
        Severity.Error,
        "A qna.yaml starts with keys such as 'version:', 'created_by:' and 'seed_examples:' at the left margin.",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor EmptyFile = new(
        "CB0110", "Empty file", "the file is empty", Severity.Warning,
        "Add the leaf's content, or delete the file if it was added by mistake.", DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor BinaryFile = new(
        "CB0111", "Binary file", "the file contains NUL bytes; it looks like a binary file, not YAML", Severity.Error,
        "Replace it with a text qna.yaml; binary files do not belong in a taxonomy.", DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor SymlinkOutsideRoot = new(
        "CB0112", "Symbolic link leaves the taxonomy", "this is a symbolic link to '{0}', outside the taxonomy root",
        Severity.Error, "Replace the link with the file itself; links out of the repository are not followed.",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor MisnamedFile = new(
        "CB0113", "File not named qna.yaml", "'{0}' is not read as a leaf: the file must be named exactly 'qna.yaml'",
        Severity.Warning,
        "Rename the file to 'qna.yaml' (lower case, '.yaml' not '.yml'); other YAML files are ignored by the " +
        "training tools, so its content would be silently lost.",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor Unreadable = new(
        "CB0114", "File cannot be read", "the file cannot be read: {0}", Severity.Error,
        "Check that the file exists and is readable.", DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor NotARegularFile = new(
        "CB0119", "Not a regular file", "this is {0}, not a regular file; it was not read", Severity.Error,
        "Commit the leaf as a regular file: FIFOs, devices and links that loop are never opened.", DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor UnreadableFolder = new(
        "CB0120", "Folder cannot be read", "this folder cannot be read ({0}); the files in it were not checked", Severity.Error,
        "Make the folder readable (for example `chmod a+rx`), or remove it from the tree.", DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor ControlCharacter = new(
        "CB0121", "Control character", "the file holds the control character {0}, which YAML does not allow", Severity.Error,
        "Delete the character (editors often show it as a box or `^G`); write a tab or a line break as it is, or escape it in double quotes (`\\t`).",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor UnknownTag = new(
        "CB0122", "Tag the reference does not read", "{0}; the reference loader refuses the file", Severity.Error,
        "Remove the tag (`!something` or `!!type` before a value): leaves are plain YAML, and quotes make any value text.",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor ValueNotOfItsTag = new(
        "CB0123", "Value does not match its tag", "`{0}` is tagged {1} but is not {2}", Severity.Error,
        "Remove the tag, or write a value of that type (for example `!!int 3`).", DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor KeyNotText = new(
        "CB0115", "Key is not text", "a key must be a plain word, not {0}", Severity.Error,
        "Write keys as plain words followed by ':', such as 'question:'.", DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor UnderIndentedContinuation = new(
        "CB0116", "Continuation line not indented",
        "this continuation of a multi-line value is not indented more than its key; the taxonomy's loader accepts it, YAML does not",
        Severity.Warning,
        "Indent the line further than the key it belongs to, or write the value as a block with '|' or '>'.",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor MergeKey = new(
        "CB0117", "Merge key",
        "`<<` merges the keys of another mapping here; the taxonomy's loader (YAML 1.1) does so, YAML 1.2 tools read it as a key named '<<'",
        Severity.Warning,
        "Write the keys out in full in this mapping, so every YAML tool reads the same file; anchors and aliases alone (&name, *name) are fine.",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor MergeValueNotMapping = new(
        "CB0118", "Merge of something that is not a mapping",
        "`<<` must be followed by a mapping or a list of mappings to merge, but here it is {0}", Severity.Error,
        "Point `<<` at an anchored mapping (<<: *name) or a list of them (<<: [*a, *b]), or write the keys out in full.",
        DiagnosticCategory.File);

    public static readonly DiagnosticDescriptor InternalError = new(
        "CB0199", "Internal error", "ContribBot failed while checking this file: {0}", Severity.Error,
        "This is a bug in ContribBot, not in your file. Please report it with the file attached.",
        DiagnosticCategory.File);
}
