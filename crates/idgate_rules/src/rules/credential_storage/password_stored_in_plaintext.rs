//! IDG171 password-stored-in-plaintext

use idgate_lang::{Language, Source};
use tree_sitter::Node;

use crate::registry::{Hit, RuleContext, Status, declare_rule};
use crate::syntax::facts::Facts;
use crate::syntax::generic::{enclosing_function, string_literal};
use crate::syntax::{ancestor, descendants, words};

declare_rule! {
    /// ## What it does
    /// Flags passwords written to the database as they were typed:
    ///
    /// - a write that runs no model hooks whose `password` field is the function's own password
    ///   parameter (or the request body's), in a function that hashes nothing: Prisma
    ///   `prisma.user.create({ data: { password } })`, Knex/Drizzle/MongoDB `insert(...)` and
    ///   `values(...)`, Django `objects.create(password=password)`;
    /// - a password column (Django `models.CharField`, SQLAlchemy `Column`, TypeORM `@Column()`)
    ///   that the same class compares with `==`, or that belongs to a stored outbound account
    ///   (an SMTP, FTP, LDAP, database or integration account) and has no encrypting transformer.
    ///
    /// Columns of user models whose hashing happens elsewhere (`password_hash`,
    /// `set_password`, a `@BeforeInsert` hook), and Mongoose or Sequelize `create`/`save` calls
    /// (their pre-save hooks usually hash), are not reported.
    ///
    /// ## Why is this bad?
    /// Whoever reads the table (a SQL injection, a backup, a replica, an analyst's export) gets
    /// every password ready to use, on this site and on every other site where users reused it.
    /// Passwords an application must replay to another service belong in a secret store or an
    /// encrypted column, never in a plain one.
    ///
    /// ## Example
    /// ```typescript
    /// await prisma.user.create({ data: { email, password } });
    /// ```
    ///
    /// Use instead:
    /// ```typescript
    /// await prisma.user.create({ data: { email, passwordHash: await argon2.hash(password) } });
    /// ```
    ///
    /// ## References
    /// - [CWE-916: Use of Password Hash With Insufficient Computational Effort](https://cwe.mitre.org/data/definitions/916.html)
    /// - [CWE-256: Plaintext Storage of a Password](https://cwe.mitre.org/data/definitions/256.html)
    /// - [CWE-312: Cleartext Storage of Sensitive Information](https://cwe.mitre.org/data/definitions/312.html)
    /// - [OWASP: Password Storage Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html)
    pub(crate) static RULE = {
        code: "IDG171",
        name: "password-stored-in-plaintext",
        category: CredentialStorage,
        cwe: [916, 256, 312],
        severity: High,
        default_level: Error,
        status: Status::Preview { since: "0.2.0" },
        languages: [Python, JavaScript, TypeScript, Tsx],
        keywords: ["password", "passwd", "pwd"],
        summary: "A password is written to the database in plaintext.",
        check: check,
    };
}

/// Writes that run no model hooks, so what they are given is what the row holds: Prisma's
/// `create`/`update`/`upsert` (the fields under `data`), query builders' `insert`/`values`
/// (Knex, Drizzle, the MongoDB driver), and Django's manager methods (`objects.create(...)`
/// stores `password=` as given; `create_user` is the hashing one). A Mongoose or Sequelize
/// `create`/`save`, whose pre-save hook usually hashes, is not judged.
const WRITES: &[&str] = &[
    "create",
    "createMany",
    "update",
    "updateMany",
    "upsert",
    "insert",
    "insertOne",
    "insertMany",
    "values",
    "update_or_create",
    "get_or_create",
];

/// Words in a call or function that show a password being hashed or encrypted on the way.
const PROTECTS: &[&str] = &[
    "hash", "bcrypt", "argon", "scrypt", "pbkdf2", "crypt", "encrypt", "cipher", "seal",
];

/// Words of an entity that holds a credential the application replays to another system.
const OUTBOUND: &[&str] = &[
    "smtp",
    "mail",
    "mailbox",
    "imap",
    "pop3",
    "ftp",
    "sftp",
    "ldap",
    "database",
    "datasource",
    "connection",
    "integration",
    "proxy",
    "vpn",
    "wifi",
    "router",
    "gateway",
];

fn check(cx: &RuleContext<'_>, hits: &mut Vec<Hit>) {
    let src = cx.new;
    let facts = cx.facts();
    let mut found: Vec<(Node<'_>, String)> = Vec::new();
    orm_writes(src, facts, &mut found);
    columns(src, facts, &mut found);
    found.sort_by_key(|(n, _)| n.start_byte());
    found.dedup_by_key(|(n, _)| n.start_byte());
    for (node, what) in found {
        hits.push(Hit {
            start: node.start_byte(),
            end: node.end_byte(),
            message: format!(
                "{what}: anyone who reads the table, a backup or a replica gets every password ready to use; store a password hash (Argon2id, bcrypt) for logins, or encrypt a password the application must replay"
            ),
            before: None,
            after: Some("password stored in plaintext".into()),
            measure: None,
        });
    }
}

/// A column or field name that holds a password itself (not its hash, a reset token or a policy).
fn password_field(name: &str) -> bool {
    let w = words(name.trim_matches(['"', '\'', ':', '!', '?']));
    w.iter()
        .any(|x| matches!(x.as_str(), "password" | "passwd" | "pwd"))
        && !w.iter().any(|x| {
            matches!(
                x.as_str(),
                "hash"
                    | "hashed"
                    | "digest"
                    | "encrypted"
                    | "crypted"
                    | "enc"
                    | "cipher"
                    | "salt"
                    | "reset"
                    | "token"
                    | "changed"
                    | "updated"
                    | "expires"
                    | "at"
                    | "policy"
                    | "hint"
                    | "confirm"
                    | "confirmation"
                    | "required"
                    | "length"
                    | "ref"
                    | "secret"
                    | "id"
            )
        })
}

fn protects(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    PROTECTS.iter().any(|w| lower.contains(w))
        || lower.contains("make_password")
        || lower.contains("set_password")
}

/// `create({ data: { password } })` with the raw password parameter in a function that hashes
/// nothing.
fn orm_writes<'t>(src: &Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String)>) {
    for call in &facts.calls {
        if !WRITES.contains(&call.name()) || !call.written.contains('.') {
            continue;
        }
        let Some(function) = enclosing_function(call.node) else {
            continue;
        };
        if protects(src.text_of(function)) {
            continue;
        }
        let params = function
            .child_by_field_name("parameters")
            .map_or("", |p| src.text_of(p));
        for arg in &call.args {
            for n in descendants(*arg) {
                let (key, value) = match n.kind() {
                    "pair" | "keyword_argument" => (
                        n.child_by_field_name("key")
                            .or_else(|| n.child_by_field_name("name")),
                        n.child_by_field_name("value"),
                    ),
                    "shorthand_property_identifier" => (Some(n), Some(n)),
                    _ => continue,
                };
                let (Some(key), Some(value)) = (key, value) else {
                    continue;
                };
                if !hookless_write(src, call, n) {
                    continue;
                }
                let key_text = string_literal(src, key).unwrap_or_else(|| src.text_of(key).into());
                if !password_field(&key_text) {
                    continue;
                }
                let value_text: String = src.text_of(value).split_whitespace().collect();
                let raw = raw_password(src, &value_text, params);
                if raw {
                    out.push((
                        n,
                        format!(
                            "Password stored in plaintext: `{}` writes `{value_text}` as it was typed",
                            call.written
                        ),
                    ));
                }
            }
        }
    }
}

/// Whether the field `field` of `call`'s arguments goes to the table as given (see [`WRITES`]).
fn hookless_write(
    src: &Source<'_>,
    call: &crate::syntax::facts::Call<'_>,
    field: Node<'_>,
) -> bool {
    let name = call.name();
    if matches!(name, "insert" | "insertOne" | "insertMany" | "values") {
        return true;
    }
    if src.language == Language::Python {
        return call.written.contains("objects.") && field.kind() == "keyword_argument";
    }
    // Prisma: `prisma.user.create({ data: { ... } })`.
    let mut cur = field.parent();
    while let Some(p) = cur {
        if p.kind() == "pair"
            && p.child_by_field_name("key")
                .is_some_and(|k| matches!(src.text_of(k), "data" | "create" | "update"))
        {
            return true;
        }
        if call.args.iter().any(|a| a.id() == p.id()) {
            break;
        }
        cur = p.parent();
    }
    false
}

/// Whether a value is the password as the user typed it: a password-named parameter of the
/// function, or the request body's password field.
fn raw_password(src: &Source<'_>, value: &str, params: &str) -> bool {
    let _ = src;
    let is_ident = value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if is_ident {
        return password_field(value)
            && params
                .split([',', '(', ')', ':', ' ', '=', '{', '}'])
                .any(|p| p.trim() == value);
    }
    let lower = value.to_ascii_lowercase();
    (lower.starts_with("req.body.") || lower.starts_with("request.body."))
        && password_field(value.rsplit('.').next().unwrap_or(value))
}

/// Password columns: compared with `==` in the same class, or kept for an outbound account.
fn columns<'t>(src: &'t Source<'_>, facts: &Facts<'t>, out: &mut Vec<(Node<'t>, String)>) {
    // (declaration, field name)
    let mut fields: Vec<(Node<'t>, String)> = Vec::new();
    match src.language {
        Language::Python => {
            for b in &facts.bindings {
                let value: String = src.text_of(b.value).split_whitespace().collect();
                let column = b.node.kind() == "assignment"
                    && (value.starts_with("models.CharField")
                        || value.starts_with("models.TextField")
                        || value.starts_with("Column(")
                        || value.starts_with("db.Column(")
                        || value.starts_with("mapped_column("));
                if column {
                    fields.push((b.node, b.name.clone()));
                }
            }
        }
        l if l.is_js_family() => {
            for n in descendants(src.tree.root_node()) {
                if n.kind() == "public_field_definition"
                    && decorated_column(src, n).is_some_and(|d| !d.contains("transformer"))
                    && let Some(name) = n.child_by_field_name("name")
                {
                    fields.push((n, src.text_of(name).to_string()));
                }
            }
        }
        _ => {}
    }
    for (node, name) in fields {
        if !password_field(&name) {
            continue;
        }
        let Some(class) = ancestor(node, &["class_definition", "class_declaration", "class"])
        else {
            continue;
        };
        let class_name = class
            .child_by_field_name("name")
            .map_or("", |n| src.text_of(n));
        let body = src.text_of(class);
        let field = name.as_str();
        let compared = [
            format!("self.{field} =="),
            format!("== self.{field}"),
            format!("this.{field} ==="),
            format!("=== this.{field}"),
        ]
        .iter()
        .any(|p| body.contains(p.as_str()));
        let outbound = words(class_name)
            .iter()
            .any(|w| OUTBOUND.contains(&w.as_str()));
        if compared {
            out.push((
                node,
                format!(
                    "Password column `{class_name}.{field}` stored in plaintext: the class compares it with `==`"
                ),
            ));
        } else if outbound && !protects(body) {
            out.push((
                node,
                format!(
                    "Password column `{class_name}.{field}` stored in plaintext: no hashing or encrypting transformer protects this account's password"
                ),
            ));
        }
    }
}

/// The text of a TypeORM/MikroORM column decorator on a class field.
fn decorated_column<'a>(src: &Source<'a>, field: Node<'_>) -> Option<&'a str> {
    let mut c = field.walk();
    field
        .children(&mut c)
        .filter(|n| n.kind() == "decorator")
        .map(|d| src.text_of(d))
        .find(|t| {
            let name = t.trim_start_matches('@');
            name.starts_with("Column(") || name.starts_with("Property(")
        })
}
