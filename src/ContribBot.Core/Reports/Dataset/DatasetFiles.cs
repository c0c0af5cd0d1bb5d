namespace ContribBot.Core.Reports.Dataset;

/// <summary>The row files of a shard and of the dataset, named as InstructLab's training takes them.</summary>
public static class DatasetFiles
{
    public const string Knowledge = "knowledge_train_msgs.jsonl";
    public const string Skills = "skills_train_msgs.jsonl";
    public const string Test = "test.jsonl";

    public static IReadOnlyList<string> All { get; } = [Knowledge, Skills, Test];
}
