namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// The run cannot go on: the endpoint refused our credentials or model, or call after call failed even with retries.
/// Everything generated before it is kept and reported.
/// </summary>
public sealed class TeacherUnavailableException : Exception
{
    public TeacherUnavailableException()
    {
    }

    public TeacherUnavailableException(string message)
        : base(message)
    {
    }

    public TeacherUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
