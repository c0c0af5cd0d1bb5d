namespace ContribBot.Core.Configuration;

/// <summary>The configuration file is unreadable or holds a value we cannot use; the message names file, line and column.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException()
    {
    }

    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
