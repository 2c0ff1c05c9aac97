import type { Db } from './db/dialect.js'

// Installation-wide settings shared by every app node (the `setting` table), such as the secret that signs
// unsubscribe links. Platform owns the table; domains read and write their keys through here.

/** A setting's value, or undefined when it was never stored. */
export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst())?.value
}

/** Stores a setting unless another node stored it first; either way returns the value that won. */
export async function setSettingOnce(db: Db, key: string, value: string, at: string): Promise<string> {
  await db
    .insertInto('setting')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  return (await getSetting(db, key)) ?? value
}

/** The setting that records the first sign-in through an identity provider: SSO is then "tested". */
export const ssoSignInKey = (issuer: string) => `oidc.first_sign_in:${issuer}`

/** Stores a setting, replacing what was there (settings an admin edits). */
export async function putSetting(db: Db, key: string, value: string, at: string): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute()
}
