namespace Contoso.Identity;

public static class Lifetimes
{
    public static readonly TimeSpan Access = TimeSpan.FromMinutes(20);
}
