namespace ContribBot.Testing;

/// <summary>Valid leaf texts that tests change one thing in, so each test shows exactly the problem it is about.</summary>
public static class SampleLeaves
{
    public const string FreeformSkill = """
        version: 3
        created_by: octocat
        task_description: Answer arithmetic questions.
        seed_examples:
          - question: What is 2 + 2?
            answer: "4"
          - question: What is 3 + 5?
            answer: "8"
          - question: What is 10 - 7?
            answer: "3"
          - question: What is 6 times 7?
            answer: "42"
          - question: What is 9 divided by 3?
            answer: "3"

        """;

    public const string Knowledge = """
        version: 3
        created_by: octocat
        domain: astronomy
        document_outline: Phases of the Moon.
        seed_examples:
          - context: The Moon does not make its own light.
            questions_and_answers:
              - question: Does the Moon make light?
                answer: No, it does not.
              - question: What lights the Moon?
                answer: The Sun.
              - question: Is half the Moon always lit?
                answer: Yes, half is always lit by the Sun.
          - context: A synodic month lasts about 29.5 days.
            questions_and_answers:
              - question: How long is a synodic month?
                answer: About 29.5 days.
              - question: What is a synodic month?
                answer: A full cycle of phases.
              - question: Is it longer than the orbit?
                answer: Yes, longer than 27.3 days.
          - context: At full moon Earth is between the Sun and the Moon.
            questions_and_answers:
              - question: Where is Earth at full moon?
                answer: Between the Sun and the Moon.
              - question: When does the full moon rise?
                answer: Around sunset.
              - question: How much of the disc is lit at full moon?
                answer: All of it.
          - context: A solar eclipse happens only at new moon.
            questions_and_answers:
              - question: When can a solar eclipse happen?
                answer: Only at new moon.
              - question: What passes between the Sun and Earth?
                answer: The Moon.
              - question: Can it happen at full moon?
                answer: No, only a lunar eclipse can.
          - context: Spring tides happen near new and full moon.
            questions_and_answers:
              - question: When do spring tides happen?
                answer: Near new and full moon.
              - question: What are neap tides?
                answer: The weakest tides.
              - question: When do neap tides happen?
                answer: Near the quarter phases.
        document:
          repo: https://github.com/example/moon-docs
          commit: 5974ca271902332b633b1d86dc05408245d6d4c7
          patterns:
            - "*.md"

        """;
}
