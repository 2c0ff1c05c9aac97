// The safe-zip checks moved to platform (platform/zip.ts) so that the Slack import can use them too; the SCORM
// import keeps its names.
export * from '../../platform/zip.js'
