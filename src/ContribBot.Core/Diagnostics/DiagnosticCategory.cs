namespace ContribBot.Core.Diagnostics;

/// <summary>Groups codes by the stage that finds them; the first digits of a code follow the category.</summary>
public enum DiagnosticCategory
{
    /// <summary>CB01xx: the file itself: discovery, size, encoding, YAML syntax and structure.</summary>
    File,

    /// <summary>CB02xx: the JSON Schema of the leaf's kind and version.</summary>
    Schema,

    /// <summary>CB03xx: the yamllint rules the taxonomy's CI applies.</summary>
    Lint,

    /// <summary>CB04xx: taxonomy rules: versions, kinds, attribution, paths.</summary>
    Taxonomy,

    /// <summary>CB05xx: seed quality checks ContribBot adds; warnings unless <c>--strict</c>.</summary>
    Quality,

    /// <summary>CB06xx: the knowledge document a leaf points to (repository, commit, patterns).</summary>
    Documents,

    /// <summary>CB09xx: a report read back (by <c>contribbot pr</c>) that holds what this version cannot show.</summary>
    Report = 8,
}
