namespace Contoso.Web.Components;

public static class Placeholder
{
    private static readonly string[] Tips = { "Use keyboard shortcuts", "Pin your favourite reports", "Try dark mode" };

    // ok: token-randomness
    public static string Tip() => Tips[Random.Shared.Next(Tips.Length)];
}
