var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(o => o.AddPolicy("spa", p => p
    // ok: cross-origin
    .WithOrigins("https://app.contoso.com")
    .AllowCredentials()
    .AllowAnyHeader()));
var app = builder.Build();
app.UseCors("spa");
app.Run();
