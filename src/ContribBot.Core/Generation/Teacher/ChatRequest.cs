namespace ContribBot.Core.Generation.Teacher;

/// <summary>
/// One call to the teacher or the critic: the rendered prompt, the JSON schema its reply must follow (sent as a strict
/// <c>response_format</c>), and the sampling settings.
/// </summary>
/// <param name="Role">Who answers: the teacher generates, the critic judges (they may be different models).</param>
/// <param name="SchemaName">The name of the reply's JSON schema; also what a call is called in progress and reports.</param>
public sealed record ChatRequest(
    ChatRole Role,
    string SchemaName,
    string JsonSchema,
    string System,
    string User,
    double Temperature,
    int MaxTokens);

public enum ChatRole
{
    Teacher,
    Critic,
}
