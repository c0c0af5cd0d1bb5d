namespace ContribBot.Core.Validation;

/// <summary>What sits next to a <c>qna.yaml</c> as <c>attribution.txt</c>.</summary>
public enum AttributionState
{
    Missing,
    Empty,
    Present,
}
