using ContribBot.Core.Diagnostics;

namespace ContribBot.Core.Validation;

/// <summary>
/// One check on a parsed leaf. Each rule lives in its own file under <c>Rules/</c> with the descriptor(s) of the codes
/// it reports, and returns diagnostics rather than printing or throwing.
/// </summary>
public interface ILeafRule
{
    IEnumerable<Diagnostic> Check(LeafContext leaf);
}
