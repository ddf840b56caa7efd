/**
 * The app lock's screens (设置解锁 PIN, 输入 PIN 解锁, 指纹/面容解锁), loaded with them
 * (lock-messages.ts): a cold start pays only for the lock screen's own strings.
 */
export const lockZhCN = {
  'lock.setTitle': '设置解锁 PIN',
  'lock.setIntro': '设置 6 位数字 PIN。每次打开应用、离开超过 10 分钟后，都要输入它才能看到居民信息。',
  'lock.confirmTitle': '再输入一次 PIN',
  'lock.confirmIntro': '确认刚才设置的 6 位数字。',
  'lock.trivial': '这个 PIN 太容易被猜到（重复或连续的数字），请换一个。',
  'lock.mismatch': '两次输入的 PIN 不一致，请重新设置。',
  'lock.platformTitle': '使用指纹/面容解锁？',
  'lock.platformIntro': '这部手机支持指纹或面容识别。启用后可以用它代替 PIN 解锁，PIN 仍然可用。',
  'lock.platformEnable': '启用指纹/面容解锁',
  'lock.platformSkip': '以后再说，只用 PIN',
  'lock.platformFailed': '没能启用指纹/面容解锁，可以只用 PIN。',
  'lock.unlockTitle': '输入 PIN 解锁',
  'lock.unlockIntro': '{name}，网格管家已锁定。',
  'lock.platformUnlock': '使用指纹/面容解锁',
  'lock.platformRefused': '没有通过指纹/面容验证，请输入 PIN。',
  'lock.wrong': 'PIN 不正确，还可以再试 {left} 次。',
  'lock.wrongLast': 'PIN 不正确。再错 1 次将退出登录（本机未同步的记录会保留）。',
  'lock.checking': '正在验证…',
  'lock.forgot': '忘记 PIN？用密码重新登录',
  'lock.entered': '已输入 {count} 位，共 6 位',
  'lock.delete': '删除',
} as const;
