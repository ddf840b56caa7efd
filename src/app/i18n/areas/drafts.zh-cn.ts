/** Chinese strings of one area of the app, kept apart so parallel work on areas never collides. */
export const draftsZhCN = {
  'drafts.restored': '已恢复上次未保存的内容',
  'drafts.discard': '放弃草稿',
  'drafts.changedOnServer': '记录已被他人修改，保存时将合并',
  'drafts.photosDropped': '新拍的 {n} 张照片未能保留，请重新拍摄',
} as const;
