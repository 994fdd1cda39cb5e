var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication("Cookies").AddCookie("Cookies", o =>
{
    // expect: session-management
    o.Cookie.HttpOnly = false;
    o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
    o.ExpireTimeSpan = TimeSpan.FromHours(4);
});
var app = builder.Build();
app.Run();
