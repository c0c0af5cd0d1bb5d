namespace ContribBot.Core.Taxonomy;

/// <summary>Why a file was picked up while walking a taxonomy.</summary>
public enum TaxonomyFileRole
{
    /// <summary>A <c>qna.yaml</c>: a leaf to validate.</summary>
    Leaf,

    /// <summary>A YAML file in a taxonomy folder that is not named exactly <c>qna.yaml</c>.</summary>
    Misnamed,

    /// <summary>A symbolic link (file or folder) that resolves outside the taxonomy root.</summary>
    LinkOutsideRoot,

    /// <summary>A leaf that a pull request deletes (listed, not checked).</summary>
    Deleted,

    /// <summary>A YAML name that is no regular file: a FIFO, socket or device, or a link that loops (see <see cref="TaxonomyFile.Problem"/>).</summary>
    NotAFile,

    /// <summary>A folder that cannot be listed: the leaves in it cannot be checked.</summary>
    UnreadableFolder,
}
