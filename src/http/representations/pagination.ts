// The Link header of a paged listing (RFC 8288): next and prev pages, keeping the other parameters.
export function pageLinks(url: string, offset: number, limit: number, total: number): string | undefined {
  const [path, search = ''] = url.split('?')
  const link = (to: number, rel: string) => {
    const params = new URLSearchParams(search)
    params.set('offset', String(to))
    params.set('limit', String(limit))
    return `<${path}?${params.toString()}>; rel="${rel}"`
  }
  const links: string[] = []
  if (offset + limit < total) links.push(link(offset + limit, 'next'))
  if (offset > 0) links.push(link(Math.max(0, offset - limit), 'prev'))
  return links.length > 0 ? links.join(', ') : undefined
}
