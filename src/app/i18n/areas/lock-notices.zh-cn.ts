/** What the login screen says after a forced sign-out (the app lock) or a remote wipe. */
export const lockNoticesZhCN = {
  'lock.notice.pin-attempts':
    'PIN 连续输错 5 次，已退出登录。本机未同步的记录仍然保留，重新登录后会继续上传，并请设置新的 PIN。',
  'lock.notice.forgot-pin': '已退出登录。本机未同步的记录仍然保留；用密码登录后请设置新的 PIN。',
  'lock.notice.wiped': '管理员已远程清除本机上你的数据（包括还没有同步的记录）。如有疑问请联系管理员。',
} as const;
