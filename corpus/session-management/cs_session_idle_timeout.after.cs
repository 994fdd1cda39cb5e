var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDistributedMemoryCache();
builder.Services.AddSession(options =>
{
    // expect: session-management
    options.IdleTimeout = TimeSpan.FromDays(90);
    // expect: session-management
    options.Cookie.HttpOnly = false;
    options.Cookie.IsEssential = true;
});
var app = builder.Build();
app.UseSession();
app.Run();
