namespace Contoso.Web;

public static class Cookies
{
    public static void SetSession(HttpResponse res, string sid) =>
        // ok: session-management
        res.Cookies.Append("sid", sid, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, MaxAge = TimeSpan.FromHours(2) });
}
