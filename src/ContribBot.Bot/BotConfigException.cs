namespace ContribBot.Bot;

/// <summary>The service's settings are unusable (a missing variable, a wrong key): the message says which and how to fix it.</summary>
public sealed class BotConfigException : Exception
{
    public BotConfigException()
    {
    }

    public BotConfigException(string message)
        : base(message)
    {
    }

    public BotConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
