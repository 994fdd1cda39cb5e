package rbac

var DefaultGrants = map[string][]string{
	"reader":   {"doc.read"},
	"editor":   {"doc.read", "doc.write"},
	"owner":    {"doc.read", "doc.write", "doc.share", "doc.delete"},
}
