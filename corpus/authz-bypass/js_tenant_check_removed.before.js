const { NotFound, Forbidden } = require('http-errors');
const Project = require('../models/project');

async function updateProject(req, res) {
  const project = await Project.findById(req.params.id);
  if (!project) throw new NotFound();
  if (project.tenantId !== req.user.tenantId) throw new Forbidden();
  Object.assign(project, req.body);
  await project.save();
  res.json(project);
}

module.exports = { updateProject };
