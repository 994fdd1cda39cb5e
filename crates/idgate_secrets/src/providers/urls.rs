//! URLs with credentials, connection strings and HTTP authorization: database URLs (PostgreSQL,
//! MySQL, MongoDB, Redis, AMQP, SQL Server, ClickHouse, Neo4j), LDAP, FTP, SMTP, basic-auth
//! HTTP URLs, JDBC and ADO.NET connection strings, Authorization headers, curl `-u`, `.netrc`,
//! Kafka JAAS, `docker login -p`.
//!
//! The secret is the password part only, so reports keep the scheme, user and host readable.

use crate::Confidence::{Low, Medium};
use crate::pattern::{Check, Pattern};

const DB_ROTATE: &str = "Change the database user's password (e.g. ALTER ROLE … PASSWORD / ALTER USER … IDENTIFIED BY), update the secret store, restart clients";

/// A URL with `user:password@host` after the scheme group `$scheme`.
macro_rules! url_re {
    ($scheme:literal) => {
        concat!(
            "(?i:",
            $scheme,
            ")://(?P<user>[^:@/\\s\"'`<>]*):(?P<s>[^@/,\\s\"'`<>]+)@(?P<host>[A-Za-z0-9._\\[\\]-]+)"
        )
    };
}

pub(crate) const PATTERNS: &[Pattern] = &[
    Pattern::raw(
        "IDS701",
        "postgres",
        "postgres-url-password",
        "PostgreSQL URL with a password (postgres://user:password@host)",
        &["postgres"],
        url_re!("postgres(?:ql)?(?:\\+[a-z0-9]+)?"),
        DB_ROTATE,
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS702",
        "mysql",
        "mysql-url-password",
        "MySQL / MariaDB URL with a password",
        &["mysql", "mariadb"],
        url_re!("mysqlx?(?:\\+[a-z0-9]+)?|mariadb(?:\\+[a-z0-9]+)?"),
        DB_ROTATE,
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS703",
        "mongodb",
        "mongodb-url-password",
        "MongoDB URL with a password (mongodb:// or mongodb+srv://)",
        &["mongodb"],
        url_re!("mongodb(?:\\+srv)?"),
        "Change the database user's password (Atlas: Database Access → Edit → password; self-hosted: db.changeUserPassword)",
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS704",
        "redis",
        "redis-url-password",
        "Redis URL with a password (redis://:password@host or redis://user:password@host)",
        &["redis"],
        url_re!("rediss?"),
        "Change the password (ACL SETUSER / requirepass), update clients",
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS705",
        "amqp",
        "amqp-url-password",
        "AMQP (RabbitMQ) URL with a password",
        &["amqp"],
        url_re!("amqps?"),
        "rabbitmqctl change_password <user> <new>; update clients",
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS706",
        "mssql",
        "mssql-url-password",
        "SQL Server URL with a password (mssql:// / sqlserver://)",
        &["mssql", "sqlserver"],
        url_re!("mssql(?:\\+[a-z0-9]+)?|sqlserver"),
        DB_ROTATE,
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS707",
        "clickhouse",
        "clickhouse-url-password",
        "ClickHouse URL with a password",
        &["clickhouse"],
        url_re!("clickhouse(?:\\+[a-z]+)?"),
        DB_ROTATE,
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS708",
        "neo4j",
        "neo4j-url-password",
        "Neo4j / Bolt URL with a password",
        &["neo4j", "bolt"],
        url_re!("neo4j(?:\\+s|\\+ssc)?|bolt(?:\\+s|\\+ssc)?"),
        "ALTER USER <user> SET PASSWORD …; update clients",
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS709",
        "ldap",
        "ldap-url-password",
        "LDAP URL with a bind password",
        &["ldap"],
        url_re!("ldaps?"),
        "Change the bind account's password in the directory; update clients",
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS710",
        "ftp",
        "ftp-url-password",
        "FTP / SFTP URL with a password",
        &["ftp"],
        url_re!("s?ftps?"),
        "Change the account's password on the server",
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS711",
        "smtp",
        "smtp-url-password",
        "SMTP URL with a password",
        &["smtp"],
        url_re!("smtps?"),
        "Change the mail account's password or app password; update clients",
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS712",
        "http",
        "http-basic-auth-url",
        "HTTP(S) URL with user:password@ (basic-auth credentials)",
        &["http"],
        url_re!("https?"),
        "Change the password or revoke the token embedded in the URL",
    )
    .check(Check::UrlPassword)
    .rank(4),
    Pattern::raw(
        "IDS713",
        "database",
        "jdbc-url-password",
        "JDBC URL with a password parameter",
        &["jdbc:"],
        "jdbc:[a-z0-9]+:[^\\s\"'`]*?[?;&:](?i:password|pwd)=(?P<s>[^&;\\s\"'`]{3,})",
        DB_ROTATE,
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS714",
        "database",
        "connection-string-password",
        "ADO.NET / ODBC connection string with Password= or Pwd=",
        &["password=", "pwd="],
        "(?i:(?:server|data source|host|address|addr)\\s*=[^;\"'\\n]+;[^\"'\\n]*?(?:password|pwd)\\s*=\\s*)(?P<s>[^;\"'\\s]{3,})",
        DB_ROTATE,
    )
    .check(Check::UrlPassword),
    Pattern::raw(
        "IDS715",
        "http",
        "http-bearer-token",
        "Authorization: Bearer header with a literal token",
        &["bearer"],
        "(?i:authorization)[\"']?\\s*[:=,]\\s*[\"'`]?(?i:bearer)\\s+(?P<s>[A-Za-z0-9._~+/-]{20,}=*)",
        "Revoke the token at its issuer",
    )
    .check(Check::Bearer)
    .context()
    .confidence(Medium)
    .entropy(3.5)
    .rank(2),
    Pattern::raw(
        "IDS716",
        "http",
        "http-basic-auth-header",
        "Authorization: Basic header (base64 of user:password)",
        &["basic"],
        "(?i:authorization)[\"']?\\s*[:=,]\\s*[\"'`]?(?i:basic)\\s+(?P<s>[A-Za-z0-9+/]{8,}={0,2})",
        "Change the password or revoke the credential encoded in the header",
    )
    .check(Check::BasicAuth)
    .context()
    .rank(2),
    Pattern::raw(
        "IDS717",
        "http",
        "curl-user-password",
        "curl -u / --user with a literal password",
        &["curl"],
        "curl\\s[^\\n]*?(?:-u|--user)[\\s=]+[\"']?[^\\s:\"']+:(?P<s>[^\\s\"'@]{6,128})",
        "Change the password or revoke the token passed to curl",
    )
    .check(Check::Password)
    .context()
    .confidence(Medium),
    Pattern::raw(
        "IDS718",
        "netrc",
        "netrc-password",
        ".netrc / _netrc entry with a password",
        &["machine"],
        "machine\\s+\\S+\\s+login\\s+\\S+\\s+password\\s+(?P<s>\\S{6,128})",
        "Change the password or revoke the token for that host",
    )
    .check(Check::Password)
    .context()
    .confidence(Medium),
    Pattern::raw(
        "IDS719",
        "kafka",
        "kafka-jaas-password",
        "Kafka SASL JAAS config with a literal password",
        &["loginmodule"],
        "(?:PlainLoginModule|ScramLoginModule)\\s+required[^;]*?password\\s*=\\s*\\\\?\"(?P<s>[^\"\\\\]{4,128})\\\\?\"",
        "Change the SASL user's password / rotate the API secret (Confluent: delete the API key)",
    )
    .check(Check::Password)
    .context(),
    Pattern::raw(
        "IDS720",
        "docker",
        "docker-login-password",
        "docker login -p with a literal password",
        &["docker login"],
        "docker\\s+login\\b[^\\n]*?\\s(?:-p|--password)[\\s=]+[\"']?(?P<s>[^\\s\"']{6,128})",
        "Change the registry password or revoke the token; use --password-stdin",
    )
    .check(Check::Password)
    .context()
    .confidence(Low),
];
