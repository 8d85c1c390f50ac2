// The kinds of WeChat message the bot stores but cannot read (bot/chat/inbound.ts tells them apart).
export type UnreadableKind = 'voice' | 'emoticon' | 'link' | 'miniprogram' | 'video' | 'other'
