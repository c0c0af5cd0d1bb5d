using ContribBot.Core.Configuration;
using ContribBot.Core.Generation;
using ContribBot.Core.Generation.Teacher;

namespace ContribBot.Core.Runs.Settings;

/// <summary>
/// A run's settings once options, environment and config file have been weighed: the generation settings, the
/// teacher (null: a dry run), where documents are cached, and where report links point.
/// </summary>
public sealed record ResolvedRunSettings(
    ContribBotConfig Config,
    GenerationSettings Generation,
    TeacherSettings? Teacher,
    string DocumentCacheDirectory,
    Uri? CatalogUrl);
