class ProjectsController < ApplicationController
  before_action :authenticate_user!

  def archive_project
    @project = Project.find(params[:id])
    authorize @project, :archive?
    @project.update!(archived: true)
    redirect_to projects_path
  end
end
