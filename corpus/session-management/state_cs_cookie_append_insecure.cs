namespace Contoso.Web;

public static class RememberMe
{
    public static void Set(HttpResponse res, string token) =>
        // expect: session-management
        res.Cookies.Append("remember", token, new CookieOptions { HttpOnly = false, Secure = false, Expires = DateTimeOffset.UtcNow.AddYears(10) });
}
