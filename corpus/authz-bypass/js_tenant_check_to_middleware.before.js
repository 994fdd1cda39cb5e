const { NotFound } = require('http-errors');
const Project = require('../models/project');

async function archiveProject(req, res) {
  const project = await Project.findById(req.params.id);
  if (!project) throw new NotFound();
  if (project.tenantId !== req.user.tenantId) return res.sendStatus(403);
  project.archived = true;
  await project.save();
  res.json(project);
}

module.exports = { archiveProject };
