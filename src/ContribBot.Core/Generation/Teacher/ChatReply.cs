namespace ContribBot.Core.Generation.Teacher;

/// <summary>What the model answered, and the tokens the server says the call used (0 when it does not say).</summary>
public sealed record ChatReply(string Text, int PromptTokens, int CompletionTokens);
