namespace ContribBot.Core.Validation;

/// <summary>A path given to validate does not exist or cannot be used: a usage error, not a finding.</summary>
public sealed class InputPathException : Exception
{
    public InputPathException(string message) : base(message)
    {
    }

    public InputPathException()
    {
    }

    public InputPathException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public static InputPathException NotYaml(string path) =>
        new($"'{path}' is not a YAML file. Pass the root of a taxonomy or a qna.yaml file.");

    public static InputPathException NotFound(string path) =>
        new($"'{path}' does not exist. Pass the root of a taxonomy (the folder holding knowledge/ and compositional_skills/) or a qna.yaml file.");
}
