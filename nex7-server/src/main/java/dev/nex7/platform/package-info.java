/**
 * The shared kernel: errors as Problem Details, paging, time, the database and web plumbing every
 * module relies on. It is the one technical module and depends on no business module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.nex7.platform;
