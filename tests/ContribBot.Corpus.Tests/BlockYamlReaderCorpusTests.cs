using ContribBot.Core.Taxonomy;
using ContribBot.Core.Taxonomy.Yaml;
using ContribBot.Testing;

namespace ContribBot.Corpus.Tests;

/// <summary>
/// The fast block-style reader on real contributions: wherever it reads a file (rewriting what the reference loader reads, as the general reader does), it reads it exactly as the general
/// YamlDotNet-based reader does (tree, positions, tokens, duplicates, warnings, errors), and it reads most real files.
/// </summary>
public sealed class BlockYamlReaderCorpusTests
{
    [CorpusFact]
    public void Every_corpus_file_the_fast_reader_takes_reads_as_the_general_reader_reads_it()
    {
        var corpus = CorpusFolder.Requested!;
        var files = Directory.EnumerateFiles(corpus, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var taken = 0;
        var differing = new List<string>();
        foreach (var file in files)
        {
            if (SourceDecoder.Decode(file, File.ReadAllBytes(file)).Text is not { } text) continue;
            var general = YamlReadDump.Of(YamlReader.ReadWithYamlDotNet(file, text, YamlLimits.Default, fastAfterRewrite: false));
            // What validation uses (the fast reader where it can, also after a rewrite) reads every file alike.
            if (YamlReadDump.Of(YamlReader.Read(file, text, YamlLimits.Default)) != general) differing.Add(Path.GetRelativePath(corpus, file));
            if (BlockYamlReader.TryReadRepairing(file, text, YamlLimits.Default) is not { } fast) continue;
            taken++;
            if (YamlReadDump.Of(fast) != general) differing.Add(Path.GetRelativePath(corpus, file));
        }

        Assert.True(files.Count > 0, $"{corpus} holds no YAML file.");
        Assert.True(differing.Count == 0, $"{differing.Count} of {taken} files read differently: {string.Join(", ", differing.Take(20))}");
        // Real leaves are nearly all plain block style; a reader that took few of them would not be worth having.
        Assert.True(taken >= files.Count * 9 / 10, $"the fast reader took only {taken} of {files.Count} files");
    }
}
