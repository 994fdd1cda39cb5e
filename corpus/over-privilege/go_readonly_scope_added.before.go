package rbac

var DefaultGrants = map[string][]string{
	"reader": {"doc.read"},
	"editor": {"doc.read", "doc.write"},
}
