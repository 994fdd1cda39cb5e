const { NotFound } = require('http-errors');
const Project = require('../models/project');
const { assertSameTenant } = require('../authz');

async function archiveProject(req, res) {
  const project = await Project.findById(req.params.id);
  if (!project) throw new NotFound();
  assertSameTenant(req.user, project);
  project.archived = true;
  await project.save();
  res.json(project);
}

module.exports = { archiveProject };
