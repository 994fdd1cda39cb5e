namespace Contoso.Data;

public static class Db
{
    // expect: hardcoded-secret
    public const string ConnectionString = "Server=sql.internal;Database=orders;User Id=orders_app;Password=Qz7!vR2#mW9kLp4s;";
}
