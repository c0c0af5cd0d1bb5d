using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Documents;

/// <summary>Problems with the document a knowledge leaf points to, found in the PR instead of hours into a build.</summary>
public static class DocumentDiagnostics
{
    public static readonly DiagnosticDescriptor RepoNotAllowed = new(
        "CB0601", "Document repository not allowed", "`repo` is '{0}': {1}", Severity.Error,
        "Use the https URL of a public git repository, such as https://github.com/you/your-documents.",
        DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor CommitNotFound = new(
        "CB0602", "Document commit not found", "commit '{0}' does not exist in {1}", Severity.Error,
        "Push the commit to the document repository, or copy the full SHA of a pushed commit (`git rev-parse HEAD`).",
        DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor FetchFailed = new(
        "CB0603", "Document repository unreachable", "cannot fetch {0}: {1}", Severity.Error,
        "Check that the URL is right and the repository is public.", DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor HostUnreachable = new(
        "CB0616", "Document host unreachable", "cannot reach the host of {0}: {1}; the commit, patterns and files were not checked", Severity.Warning,
        "This is the network of the machine running the check, not the leaf: run with --offline to skip document checks, " +
        "pre-fill the document cache, or point at a mirror with --document-mirror URL=PATH (or git's url.<base>.insteadOf). " +
        "--require-documents makes this a failure (exit 2).", DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor PatternEscapes = new(
        "CB0604", "Pattern leaves the repository", "pattern '{0}' reaches outside the document repository", Severity.Error,
        "Write patterns relative to the repository root, without '..' or a leading '/', e.g. `docs/*.md`.",
        DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor PatternMatchesNothing = new(
        "CB0605", "Pattern matches no file", "pattern '{0}' matches no file at commit {1}", Severity.Error,
        "Fix the pattern, or the commit: patterns are globs from the repository root ('*' stays within a folder, '**' crosses folders).",
        DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor NotAPlainFile = new(
        "CB0606", "Document is a link", "'{0}' (matched by '{1}') is a symbolic link; documents must be plain files", Severity.Error,
        "Commit the document itself instead of a link to it.", DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor NotMarkdown = new(
        "CB0607", "Document is not Markdown", "'{0}' (matched by '{1}') is not a Markdown file", Severity.Error,
        "Convert the document to Markdown (.md) or narrow the pattern, e.g. `*.md`.", DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor DocumentTooLarge = new(
        "CB0608", "Document too large", "'{0}' is {1:N0} bytes; the limit is {2:N0}", Severity.Error,
        "Split the document, or keep only the parts the leaf is about.", DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor ContextNotInDocument = new(
        "CB0610", "Context not found in the document",
        "the context of seed example {0} is not found in the document (only {1:0}% of its phrases appear there)", Severity.Warning,
        "Copy the context from the document as it is (small edits are fine): the teacher generates from the document's text, so the seed must show that text.",
        DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor TooManyDocumentFiles = new(
        "CB0611", "Too many document files", "pattern '{0}' brings the leaf past {1:N0} document files; the files after that were not read",
        Severity.Error, "Narrow the patterns to the documents the leaf is about, e.g. `docs/moon/*.md` instead of `**/*.md`.",
        DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor LeafDocumentsTooLarge = new(
        "CB0612", "Documents too large in total",
        "pattern '{0}' brings the leaf's documents past {1:N0} bytes in total; '{2}' and the files after it were not read", Severity.Error,
        "Keep only the documents the leaf is about, or split the leaf into several leaves with a document each.",
        DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor RunDocumentsTooLarge = new(
        "CB0613", "Document limit of the run reached",
        "this run has read {0:N0} bytes of documents, its limit; '{1}' and the files after it were not read", Severity.Error,
        "Check fewer knowledge leaves in one run (this limit keeps the machine's memory bounded), or make their documents smaller.",
        DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor DocumentTreeTooLarge = new(
        "CB0614", "Document repository too large", "{0} at commit {1} has more than {2:N0} files; the patterns were not matched",
        Severity.Error, "Point `repo` at a repository that holds the documents only, not a large code base.",
        DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor InvalidPattern = new(
        "CB0615", "Invalid document pattern", "pattern '{0}' cannot be used: {1}", Severity.Error,
        "Write a glob such as `docs/*.md`: ranges run low to high (`[a-z]`), a class never matches '/', and `[[]` is a literal '['.",
        DiagnosticCategory.Documents);

    public static readonly DiagnosticDescriptor Skipped = new(
        "CB0609", "Document checks skipped", "document checks skipped: {0}", Severity.Info,
        "Run without --offline (with network access) to check the commit and patterns.", DiagnosticCategory.Documents);
}
