/** Chinese strings of one area of the app, kept apart so parallel work on areas never collides. */
export const todayZhCN = {} as const;
