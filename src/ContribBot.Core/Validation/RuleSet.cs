using ContribBot.Core.Validation.Rules;
using ContribBot.Core.Validation.Schema;

namespace ContribBot.Core.Validation;

/// <summary>The rules run on every parsed leaf, in the order their diagnostics are most useful to read.</summary>
public static class RuleSet
{
    public static IReadOnlyList<ILeafRule> Default(SchemaSet schemas) =>
    [
        new VersionRule(),
        new NewestVersionRule(),
        new SchemaRule(schemas),
        new AttributionRule(),
        new DuplicateKeyRule(),
        new TrailingSpacesRule(),
        new FinalNewlineRule(),
        new LineEndingsRule(),
        new EmptyLinesRule(),
        new IndentationRule(),
        new HyphensRule(),
        new ColonsRule(),
        new CommasRule(),
        new FlowBracketsRule(),
        new CreatedByRule(),
        new CommitShaRule(),
        new DuplicateQuestionRule(),
        new CopiedAnswerRule(),
        new QuestionFormRule(),
        new TokenBudgetRule(),
        new PersonalDataRule(),
        new FolderNameRule(),
    ];
}
