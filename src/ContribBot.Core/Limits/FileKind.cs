using System.Runtime.InteropServices;

namespace ContribBot.Core.Limits;

/// <summary>What a path names, as the operating system says: .NET reports a FIFO or a device as a plain file.</summary>
public enum FileKindValue
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,

    /// <summary>A FIFO, socket or device: reading one may never end, or never start.</summary>
    Special,

    /// <summary>This system cannot say (not Linux); callers treat it as .NET does.</summary>
    Unknown,
}

/// <summary>
/// Asks Linux's <c>statx</c> (glibc 2.28+, one layout on every architecture) for the type of a path, so that untrusted
/// trees (a fork's leaves, a report artifact) cannot make us open a FIFO that blocks forever or a device that never
/// ends. Elsewhere the answer is <see cref="FileKindValue.Unknown"/>.
/// </summary>
public static partial class FileKind
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;

    public static FileKindValue Of(string path, bool followLinks)
    {
        if (!OperatingSystem.IsLinux()) return FileKindValue.Unknown;
        var buffer = new byte[256];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer);
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            return FileKindValue.Unknown;
        }

        if (result != 0) return Marshal.GetLastPInvokeError() is 2 or 20 ? FileKindValue.Missing : FileKindValue.Unknown; // ENOENT, ENOTDIR
        var mode = BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
        return mode switch
        {
            0x8000 => FileKindValue.Regular,
            0x4000 => FileKindValue.Directory,
            0xA000 => FileKindValue.SymbolicLink,
            _ => FileKindValue.Special,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte[] buffer);
}
