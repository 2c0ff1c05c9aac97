import { initialsOf } from '../lib/people'
import { usePhotoUrl } from '../lib/photos'
import './Avatar.css'

interface AvatarProps {
  person: { id: string; name: string; hasPhoto: boolean }
  size?: 'small' | 'medium' | 'large'
}

/** A person's photo, or their initials on a calm colour. Decorative: the name is always written beside it. */
export function Avatar({ person, size = 'medium' }: AvatarProps) {
  const url = usePhotoUrl(person.id)
  if (person.hasPhoto) return <img className={`avatar avatar-${size}`} src={url} alt="" loading="lazy" />
  return (
    <span className={`avatar avatar-${size} avatar-initials avatar-hue-${hueOf(person.id)}`} aria-hidden="true">
      {initialsOf(person.name)}
    </span>
  )
}

/** One of six background tints, stable for a person. */
function hueOf(id: string): number {
  let h = 0
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0
  return h % 6
}
