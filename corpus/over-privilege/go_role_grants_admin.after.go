package rbac

var DefaultGrants = map[string][]string{
	"reader":   {"doc.read"},
	// expect: over-privilege
	"editor":   {"doc.read", "doc.write", "admin"},
	"owner":    {"doc.read", "doc.write", "doc.share", "doc.delete"},
}
