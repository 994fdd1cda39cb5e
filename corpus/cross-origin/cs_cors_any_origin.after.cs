var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(o => o.AddDefaultPolicy(p => p
    // expect: cross-origin
    .SetIsOriginAllowed(_ => true)
    .AllowCredentials()
    .AllowAnyHeader()));
var app = builder.Build();
app.UseCors();
app.Run();
