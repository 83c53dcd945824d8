/**
 * The rectification module's front door (整改, issue 12 points 1–2): tasks proposed from a closed
 * wave's weak figures and from case categories piling up, confirmed, worked on and verified, and
 * whether they worked (the next closed wave against the task's).
 */
export { acceptRectificationTask } from './accept-rectification-task.ts';
export { confirmRectificationTask } from './confirm-rectification-task.ts';
export { createRectificationTask } from './create-rectification-task.ts';
export { dropRectificationTask } from './drop-rectification-task.ts';
export { editRectificationTask } from './edit-rectification-task.ts';
export { getRectificationTask } from './get-rectification-task.ts';
export { listRectificationTasks } from './list-rectification-tasks.ts';
export { proposeRectificationTasks } from './propose-rectification-tasks.ts';
export { reportRectificationProgress } from './report-rectification-progress.ts';
export { returnRectificationTask } from './return-rectification-task.ts';
export { storeRectificationFile } from './store-rectification-file.ts';
export { submitRectificationTask } from './submit-rectification-task.ts';
/** The assessment and the dashboard read tasks' effects and the county's settings. */
export { effectsOfTasks } from './task-effects.ts';
export { loadRectificationSettings } from './rectification-settings.ts';
export { countRectificationTodos } from './count-rectification-todos.ts';
export { rectificationWorkbench } from './workbench.ts';
