namespace Contoso.Web.Components;

public static class Placeholder
{
    private static readonly string[] Tips = { "Use keyboard shortcuts", "Pin your favourite reports", "Try dark mode" };

    public static string Tip() => Tips[0];
}
