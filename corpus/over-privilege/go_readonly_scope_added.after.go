package rbac

var DefaultGrants = map[string][]string{
	"reader": {"doc.read", "doc.comments.read"},
	"editor": {"doc.read", "doc.write"},
}
