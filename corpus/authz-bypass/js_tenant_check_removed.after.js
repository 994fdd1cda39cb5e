const { NotFound, Forbidden } = require('http-errors');
const Project = require('../models/project');

// expect: authz-bypass
async function updateProject(req, res) {
  const project = await Project.findById(req.params.id);
  if (!project) throw new NotFound();
  Object.assign(project, req.body);
  await project.save();
  res.json(project);
}

module.exports = { updateProject };
